using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

public sealed class RegisterModel(AppDbContext db, Regions regions, IPasswordHasher<User> hasher, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegisterEnterpriseRequest Input { get; set; } = new();

    public Regions Regions => regions;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.CreditCode = CreditCode.Normalize(Input.CreditCode);
        Input.Login = Logins.Normalize(Input.Login);
        var county = regions.County(Input.CountyCode);
        if (CreditCode.Problem(Input.CreditCode) is { } codeProblem)
        {
            ModelState.AddModelError("Input.CreditCode", codeProblem);
        }
        else if (!Input.CreditCode[2..4].Equals("32", StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.CreditCode", "统一社会信用代码第 3–8 位应为江苏省的登记管理机关行政区划码（以 32 开头）。");
        }
        if (county is null)
        {
            ModelState.AddModelError("Input.CountyCode", "请选择所在的设区市和区县。");
        }
        if (regions.Industry(Input.IndustryCode) is null)
        {
            ModelState.AddModelError("Input.IndustryCode", "请选择所属行业。");
        }
        if (ModelState.IsValid && await db.Enterprises.AnyAsync(e => e.CreditCode == Input.CreditCode))
        {
            ModelState.AddModelError("Input.CreditCode", "该统一社会信用代码已注册。如需加入，请联系本企业管理员邀请您。");
        }
        if (ModelState.IsValid && await Logins.UnavailableAsync(HttpContext, db, Input.Login) is { } taken)
        {
            ModelState.AddModelError("Input.Login", taken);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var enterprise = new Enterprise
        {
            CreditCode = Input.CreditCode,
            Name = Input.Name.Trim(),
            CityCode = county!.CityCode,
            CountyCode = county.Code,
            IndustryCode = Input.IndustryCode,
            Size = Input.Size,
            IsAboveScale = Input.IsAboveScale,
            IsFlagshipChain = Input.IsFlagshipChain,
            ContactName = Input.ContactName.Trim(),
            ContactPhone = Input.ContactPhone.Trim(),
            CreatedAt = now,
        };
        var user = new User
        {
            Login = Input.Login,
            DisplayName = Input.ContactName.Trim(),
            Role = Role.EnterpriseAdmin,
            Enterprise = enterprise,
            SecurityStamp = Auth.NewStamp(),
            CreatedAt = now,
        };
        user.PasswordHash = hasher.HashPassword(user, Input.Password);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.CreditCode", "该统一社会信用代码或登录账号刚刚已被注册，请核对。");
            return Page();
        }
        db.Record(now, user.Id, enterprise.Id, "enterprise.registered", enterprise.CreditCode);
        await db.SaveChangesAsync();
        // The account is minutes old and nobody else has held its password: the registrant may set up a required second factor.
        await Sessions.SignInAsync(HttpContext, db, user, mayEnrol: true);
        return Redirect("/Assessments");
    }
}

public sealed class RegisterEnterpriseRequest
{
    [Display(Name = "统一社会信用代码"), Required(ErrorMessage = "请填写统一社会信用代码。")]
    public string CreditCode { get; set; } = "";

    [Display(Name = "企业名称"), Required(ErrorMessage = "请填写企业名称。"), StringLength(200, MinimumLength = 2, ErrorMessage = "企业名称应为 2–200 个字符。")]
    public string Name { get; set; } = "";

    [Display(Name = "所在区县"), Required(ErrorMessage = "请选择所在的设区市和区县。")]
    public string CountyCode { get; set; } = "";

    [Display(Name = "所属行业"), Required(ErrorMessage = "请选择所属行业。")]
    public string IndustryCode { get; set; } = "";

    [Display(Name = "企业规模"), Range(1, 4, ErrorMessage = "请选择企业规模。")]
    public EnterpriseSize Size { get; set; }

    [Display(Name = "规模以上工业企业")]
    public bool IsAboveScale { get; set; }

    [Display(Name = "筑峰强链企业")]
    public bool IsFlagshipChain { get; set; }

    [Display(Name = "联系人"), Required(ErrorMessage = "请填写联系人。"), StringLength(50, ErrorMessage = "联系人不超过 50 个字符。")]
    public string ContactName { get; set; } = "";

    [Display(Name = "联系电话"), Required(ErrorMessage = "请填写联系电话。"), RegularExpression(@"^[0-9\-+ ]{7,20}$", ErrorMessage = "联系电话格式不正确。")]
    public string ContactPhone { get; set; } = "";

    [Display(Name = "登录账号（邮箱或手机号）"), Required(ErrorMessage = "请填写登录账号。"), RegularExpression(Logins.Pattern, ErrorMessage = Logins.Rule)]
    public string Login { get; set; } = "";

    [Display(Name = "密码"), Required(ErrorMessage = "请设置密码。"), RegularExpression(Passwords.Pattern, ErrorMessage = Passwords.Rule)]
    public string Password { get; set; } = "";

    [Display(Name = "确认密码"), Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
    public string ConfirmPassword { get; set; } = "";
}
