using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace SmartFactory.Web.Infrastructure;

public static class ChineseMessages
{
    /// <summary>Model-binding failures (a letter in a number field, say) in Chinese rather than the framework's English.</summary>
    public static void UseChinese(this DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{value}”不是有效的{field}。");
        p.SetValueIsInvalidAccessor(value => $"“{value}”无效。");
        p.SetValueMustBeANumberAccessor(field => $"{field}必须是数字。");
        p.SetMissingBindRequiredValueAccessor(field => $"缺少{field}。");
        p.SetMissingKeyOrValueAccessor(() => "缺少值。");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空。");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”无效。");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "输入的值无效。");
        p.SetUnknownValueIsInvalidAccessor(field => $"{field}的值无效。");
        p.SetValueMustNotBeNullAccessor(field => $"{field}不能为空。");
    }
}
